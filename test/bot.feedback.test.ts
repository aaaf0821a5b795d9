/** The 👍 / 👎 row and the 👎 modal as data: within Discord's limits by discord.js's own builders and by the stand-in's checks. */
import { expect } from 'chai';
import { ActionRowBuilder, ButtonBuilder, ModalBuilder, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { AnswerKeeper, feedbackModal, feedbackRow, newAnswerId, parseFeedbackButton, parseFeedbackModal, UNRATED_KEEP_DAYS } from '../src/bot/feedback.js';
import { MemoryStore } from '../src/store/memory.js';
import type { RateableAnswer } from '../src/store/types.js';
import { parsePageButton } from '../src/bot/pager.js';
import { messageProblems, modalProblems } from './discord/validate.js';

describe('feedback buttons and modal', () => {
  it('carries a short random answer id in custom ids of at most 100 characters, read back only from its own buttons', () => {
    const ids = new Set(Array.from({ length: 200 }, newAnswerId));
    expect(ids.size).to.equal(200);
    const id = [...ids][0]!;
    expect(id).to.match(/^[A-Za-z0-9_-]{8}$/);
    const row = feedbackRow(id);
    expect(row.components.map((b) => parseFeedbackButton(b.custom_id))).to.deep.equal([
      { answerId: id, vote: 'up' },
      { answerId: id, vote: 'down' },
    ]);
    for (const b of row.components) {
      expect(b.custom_id.length).to.be.at.most(100);
      expect(parsePageButton(b.custom_id)).to.equal(null);
    }
    for (const bad of ['fb:abc:sideways', 'fb::up', 'fb:a/b:up', 'fb:abc:up:extra', 'pg:abc:1:next', `fb:${'x'.repeat(40)}:up`]) expect(parseFeedbackButton(bad), bad).to.equal(null);
    expect(parseFeedbackModal(`fbm:${id}`)).to.deep.equal({ answerId: id });
    expect(parseFeedbackModal('fbm:a:b')).to.equal(null);
    expect(messageProblems({ embeds: [{ description: 'x' }], components: [row] }, { partial: false })).to.deep.equal([]);
    expect(() => new ActionRowBuilder<ButtonBuilder>({ components: row.components }).toJSON()).to.not.throw();
  });

  it('builds a modal that discord.js validates and the stand-in accepts, prefilled or not', () => {
    for (const previous of [null, { reason: 'wrong-part' as const, note: 'The figure is in the fourth paragraph.' }]) {
      const modal = feedbackModal(newAnswerId(), previous);
      expect(modalProblems(modal)).to.deep.equal([]);
      const built: APIModalInteractionResponseCallbackData = new ModalBuilder(modal).toJSON();
      expect(built).to.deep.equal(modal);
    }
    const broken = { ...feedbackModal('x', null), title: 'A title far longer than the forty-five characters Discord allows' };
    expect(modalProblems(broken)).to.have.length(1);
  });

  it('keeps answers under fresh ids and drops unrated ones after UNRATED_KEEP_DAYS, rated ones never', () => {
    const store = new MemoryStore();
    const keeper = new AnswerKeeper(store);
    const rateable: RateableAnswer = { storyId: 's', question: 'q?', tier: 'answer', span: 'x', passage: 'x.', sources: [] };
    const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1 + n));
    const unrated = keeper.keep(rateable, day(0));
    const rated = keeper.keep(rateable, day(0));
    expect(unrated).to.not.equal(rated);
    store.vote({ answerId: rated, userId: 'u1', vote: 'down', reason: null, note: null, at: day(1).toISOString() });
    keeper.keep(rateable, day(UNRATED_KEEP_DAYS - 1));
    expect(store.answerById(unrated)).to.not.equal(null);
    const later = keeper.keep(rateable, day(UNRATED_KEEP_DAYS + 1));
    expect(store.answerById(unrated)).to.equal(null);
    expect(store.answerById(rated)).to.not.equal(null);
    expect(store.answerById(later)).to.not.equal(null);
  });
});
