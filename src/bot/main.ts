/**
 * `npm start`: with DISCORD_TOKEN, connects to Discord and answers slash commands until SIGINT/SIGTERM;
 * without it, explains how to connect and opens the local console on the same commands.
 */
import { commands } from '../../commands/index.js';
import { CorpusError } from '../corpus/load.js';
import { Engine } from '../engine.js';
import { createLogger, errorFields, type Logger } from '../log.js';
import { catalogueOf, type CoverageEngine } from './command.js';
import { startBot, type RunningBot } from './client.js';
import { ConfigError, DEFAULT_CORPUS_DIR, readConfig, type BotConfig } from './config.js';
import { CONSOLE_PLACE, runConsole } from './console.js';
import { Desk } from '../desk/desk.js';
import { ArticleIntake } from '../desk/intake.js';
import { discoverStories, singleStory, StoryCatalogue, type Story } from '../stories/catalogue.js';
import { loadDotEnv } from './env.js';
import { newErrorId } from './errors.js';
import { openStore } from '../store/open.js';
import { QuestionLog, schedulePruning } from '../questions/log.js';
import { FOLLOW_UP_KEEP_DAYS, FollowUps } from '../desk/followUps.js';

/** After a stop is asked for, give open handles this long before exiting anyway. */
const EXIT_GRACE_MS = 5_000;

function connectHelp(loaded: string): string {
  return [
    loaded,
    'DISCORD_TOKEN is not set, so the bot is not connecting to Discord. To connect: create an application at',
    'https://discord.com/developers/applications, put its bot token in .env as DISCORD_TOKEN (see .env.example',
    'and README.md, "The Discord bot"), run `npm run deploy-commands`, then `npm start` again.',
    '',
    'Meanwhile, type the commands here as you would in Discord — /ask <question>, /facts about:<name>, /quotes,',
    '/timeline, /conflicts, /brief, /sources, /unanswered, /story list, /story use <id>, /add <file>, /feedback, /help.',
    'A line without a slash is a question.',
    'Ctrl-D to quit.',
    '',
  ].join('\n');
}

/**
 * One line saying what is wrong with CORPUS_DIR. The loader's own message speaks to the CLI (`--corpus`),
 * which `npm start` does not take; a bad folder is a setting, so no stack.
 */
function corpusProblem(error: CorpusError, dir: string): string {
  const fix = `set CORPUS_DIR (in .env or the environment) to the folder of articles, or leave it unset for the sample in ${DEFAULT_CORPUS_DIR}/`;
  if (error.code === 'missing') return `could not load the coverage: CORPUS_DIR is ${dir}, which does not exist; ${fix}.`;
  if (error.code === 'not-a-folder') return `could not load the coverage: CORPUS_DIR is ${dir}, which is a file, not a folder; ${fix}.`;
  const first = error.problems[0];
  const why = first ? `none of its article files could be loaded (${first.file}: ${first.message})` : 'it holds no .txt or .md article';
  return `could not load the coverage: CORPUS_DIR is ${dir}, but ${why}; ${fix}.`;
}

async function runBot(config: BotConfig & { token: string }, desk: Desk<CoverageEngine>, logger: Logger): Promise<number> {
  /* Listen before logging in, so a Ctrl-C during login still disconnects cleanly. */
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let bot: RunningBot;
  try {
    bot = await startBot({ token: config.token, apiBase: config.apiBase, desk, editorRoleId: config.editorRoleId, commands, logger });
  } catch (error) {
    // a refused token or an unreachable API is the setting's fault, not the code's: the reason, no stack
    logger.error('could not connect to Discord; check DISCORD_TOKEN (and DISCORD_API_BASE if set)', { error: errorFields(error).error });
    return 1;
  }
  logger.info('shutting down', { signal: await signal });
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
  await bot.stop();
  logger.info('disconnected');
  return 0;
}

async function main(): Promise<number> {
  loadDotEnv(process.cwd(), process.env);
  let config: BotConfig;
  try {
    config = readConfig(process.env, process.cwd());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example and README.md, "The Discord bot".\n`);
    return 1;
  }
  const logger = createLogger({ level: config.logLevel, json: config.production, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { errorId: newErrorId(), ...errorFields(reason) }));

  // the bot answers without its database: bindings then last this run only, which the log says once
  const opened = openStore(config.dataDir);
  if (opened.problem) logger.error(opened.problem);
  else logger.debug('database opened', { file: opened.file });

  let stories: Story[];
  let loaded: string;
  const options = { logger, maxFileBytes: config.maxArticleBytes };
  if (config.storiesDir !== null) {
    try {
      stories = discoverStories(config.storiesDir);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why = code === 'ENOENT' ? 'which does not exist' : code === 'ENOTDIR' ? 'which is a file, not a folder' : 'which cannot be read';
      logger.error(`could not read the stories: STORIES_DIR is ${config.storiesDir}, ${why}; set it to a folder holding one folder of articles per story.`);
      return 1;
    }
    // stories load on their first question: a desk keeps many and is asked about a few each day
    if (stories.length === 0) logger.warn('STORIES_DIR holds no story folder yet; add one folder of articles per story', { dir: config.storiesDir });
    loaded = `Serving ${stories.length} ${stories.length === 1 ? 'story' : 'stories'} from ${config.storiesDir}${stories.length > 0 ? `: ${stories.map((s) => s.id).join(', ')}` : ''}.`;
  } else {
    stories = [singleStory(config.corpusDir)];
    loaded = '';
  }
  const catalogue = new StoryCatalogue(stories, options, { storiesDir: config.storiesDir ?? undefined });
  catalogue.on('updated', (u) => logger.info('story updated', { story: u.id, articles: u.articles, reused: u.reused, analysed: u.analysed, removed: u.removed, ms: Math.round(u.ms) }));
  catalogue.on('failed', (f) => logger.warn('story could not be analysed again; answering from the coverage as it was', { story: f.id, reason: f.reason }));
  catalogue.on('added', (story) => logger.info('story added', { story: story.id }));
  catalogue.on('removed', (story) => logger.info('story removed', { story: story.id }));
  catalogue.on('watch', (n) => logger.warn('watching story folders', { story: n.id, mode: n.mode, event: n.event, reason: n.reason }));

  if (config.storiesDir === null) {
    // one folder: load it now, so a wrong CORPUS_DIR stops the start with its reason, as before stories
    let engine: Engine;
    try {
      engine = await (catalogue.engine(stories[0]?.id ?? '') as Promise<Engine>);
    } catch (error) {
      if (error instanceof CorpusError) logger.error(corpusProblem(error, config.corpusDir));
      else logger.error('could not load the coverage', { dir: config.corpusDir, ...errorFields(error) });
      return 1;
    }
    for (const problem of engine.problems) logger.warn('part of the coverage was skipped', { file: problem.file, reason: problem.message });
    const stats = engine.stats();
    loaded = `Loaded ${stats.articles} articles (${stats.facts} facts) from ${config.corpusDir}.`;
  }
  const questions = new QuestionLog(opened.store, config.questionLog, (error) => logger.warn('could not log a question; it was answered all the same', { error: errorFields(error).error }));
  // old questions go at start and then hourly, whether or not the log is on: turning it off keeps nothing longer
  const stopPruning = schedulePruning(questions, {
    clock: () => new Date(),
    onPruned: (rows) => (rows > 0 ? logger.info('question log pruned', { rows, days: config.questionLog.days }) : undefined),
    onError: (error) => logger.warn('could not prune the question log', { error: errorFields(error).error }),
  });
  if (!config.questionLog.enabled) logger.info('the question log is off (QUESTION_LOG=off): no question is kept');
  // threads idle for FOLLOW_UP_KEEP_DAYS are pruned as follow-ups are written, as unrated answers are
  const followUps = new FollowUps(opened.store, FOLLOW_UP_KEEP_DAYS, (error) => logger.warn("could not read or write a follow-up thread's turns; the question was answered as asked", { error: errorFields(error).error }));
  const desk = new Desk<CoverageEngine>(catalogue, opened.store, new ArticleIntake(catalogue, opened.store, config.maxArticleBytes), questions, followUps);
  catalogue.watch({ poll: config.watchPoll });
  const shutDown = async (): Promise<void> => {
    stopPruning();
    await catalogue.close();
    opened.store.close();
  };

  if (config.token !== null) {
    const code = await runBot({ ...config, token: config.token }, desk, logger);
    await shutDown();
    return code;
  }

  process.stderr.write(connectHelp(loaded));
  const context = { desk, place: CONSOLE_PLACE, actor: { userId: 'console', editor: true }, catalogue: catalogueOf(commands) };
  await runConsole({ input: process.stdin, output: process.stdout, commands, context, logger, interactive: process.stdin.isTTY === true });
  await shutDown();
  return 0;
}

process.exitCode = await main();
