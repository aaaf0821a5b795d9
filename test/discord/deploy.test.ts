/** `npm run deploy-commands` against the stand-in: the command definitions reach the right route. */
import { expect } from 'chai';
import { commands } from '../../commands/index.js';
import { registerCommands } from '../../src/bot/register.js';
import { commandProblems } from './validate.js';
import { APPLICATION_ID, runScript, startStandIn } from './harness.js';
import type { DiscordStandIn } from './standin.js';

describe('deploy-commands', function () {
  let standIn: DiscordStandIn;
  let token: string;
  const definitions = commands.map((c) => c.data.toJSON());

  before(async () => ({ standIn, token } = await startStandIn()));
  after(async () => standIn?.close());

  it('defines twelve valid commands, with autocomplete on the name and story options', () => {
    expect(definitions.map((d) => d.name)).to.deep.equal(['ask', 'facts', 'quotes', 'timeline', 'conflicts', 'brief', 'sources', 'unanswered', 'story', 'add', 'feedback', 'help']);
    expect(commandProblems(JSON.parse(JSON.stringify(definitions)))).to.deep.equal([]);
    const option = (command: string, name: string): Record<string, unknown> | undefined =>
      definitions.find((d) => d.name === command)?.options?.find((o) => o.name === name) as Record<string, unknown> | undefined;
    expect(option('facts', 'about')).to.include({ autocomplete: true, required: true });
    expect(option('quotes', 'speaker')).to.include({ autocomplete: true });
    expect(option('ask', 'question')).to.include({ required: true, max_length: 1000 });
    expect(option('ask', 'private')).to.include({ type: 5 });
    expect(option('add', 'file')).to.include({ type: 11, required: true });
    for (const d of definitions.filter((x) => !['story', 'help'].includes(x.name))) expect(option(d.name, 'story'), d.name).to.include({ autocomplete: true, type: 3 });
  });

  it('registers to the development server when DISCORD_GUILD_ID is set', async () => {
    const guild = standIn.guilds[0]!;
    const done = await registerCommands({ token, clientId: APPLICATION_ID, guildId: guild.id, apiBase: standIn.apiBase, commands: commands.map((c) => c.data) });
    expect(done).to.deep.include({ scope: 'guild', route: `/applications/${APPLICATION_ID}/guilds/${guild.id}/commands` });
    const request = standIn.requests.at(-1)!;
    expect(request).to.include({ method: 'PUT', route: `/applications/${APPLICATION_ID}/guilds/${guild.id}/commands`, authorised: true, status: 200 });
    expect(request.body).to.deep.equal(JSON.parse(JSON.stringify(definitions)));
  });

  it('registers globally otherwise, through the script as npm runs it', async () => {
    const run = await runScript('deploy.ts', { DISCORD_TOKEN: token, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_BASE: standIn.apiBase });
    expect(run.code, run.stderr).to.equal(0);
    const request = standIn.requests.at(-1)!;
    expect(request).to.include({ method: 'PUT', route: `/applications/${APPLICATION_ID}/commands`, authorised: true, status: 200 });
    expect(request.body).to.deep.equal(JSON.parse(JSON.stringify(definitions)));
    expect(standIn.commands.get('global')?.map((c) => c.name)).to.deep.equal(definitions.map((d) => d.name));
    expect(run.stderr).to.include('commands registered globally');
    expect(run.stderr).not.to.include(token);
  });

  it('says what to set when the application id is missing, without calling Discord', async () => {
    const before = standIn.requests.length;
    const run = await runScript('deploy.ts', { DISCORD_TOKEN: token, DISCORD_API_BASE: standIn.apiBase });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('DISCORD_CLIENT_ID is not set').and.include('General Information');
    expect(standIn.requests.length).to.equal(before);
  });

  it('explains a refusal for a server the bot is not in', async () => {
    const run = await runScript('deploy.ts', {
      DISCORD_TOKEN: token,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: '1419999999999999999',
      DISCORD_API_BASE: standIn.apiBase,
    });
    expect(run.code).to.equal(1);
    expect(standIn.requests.at(-1)?.status).to.equal(403);
    expect(run.stderr).to.include('applications.commands');
  });
});
