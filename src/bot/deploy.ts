/**
 * `npm run deploy-commands`: registers the slash commands — to DISCORD_GUILD_ID when set (instant, for
 * development), otherwise globally.
 */
import { commands } from '../../commands/index.js';
import { createLogger, errorFields } from '../log.js';
import { ConfigError, readConfig, requireDeploy } from './config.js';
import { loadDotEnv } from './env.js';
import { discordFailure } from './errors.js';
import { registerCommands } from './register.js';

async function deploy(): Promise<number> {
  loadDotEnv(process.cwd(), process.env);
  let config;
  try {
    config = requireDeploy(readConfig(process.env, process.cwd()));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example and README.md, "The Discord bot".\n`);
    return 1;
  }
  const logger = createLogger({ level: config.logLevel, json: config.production, secrets: [config.token] });
  try {
    const done = await registerCommands({
      token: config.token,
      clientId: config.clientId,
      guildId: config.guildId,
      apiBase: config.apiBase,
      commands: commands.map((c) => c.data),
    });
    logger.info(
      done.scope === 'guild'
        ? 'commands registered to the development server; they are available now'
        : 'commands registered globally; they can take a few minutes to appear in every server',
      { count: done.names.length, commands: done.names.join(','), route: done.route },
    );
    return 0;
  } catch (error) {
    const failure = discordFailure(error);
    const hint =
      failure?.status === 401
        ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
        : failure?.status === 403 || failure?.code === 50001
          ? 'No access: check DISCORD_CLIENT_ID, and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope (README.md, "The Discord bot").'
          : 'Could not register the commands.';
    logger.error(hint, { status: failure?.status ?? null, code: failure?.code ?? null, ...errorFields(error) });
    return 1;
  }
}

process.exitCode = await deploy();
