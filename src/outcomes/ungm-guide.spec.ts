import { translateAny } from '../i18n/i18n.js';
import { UNGM_STAGES } from './follow-up-answer.entity.js';
import { allGuides, guideFor } from './ungm-guide.js';

describe('UNGM guide', () => {
  it('has a next step and a checklist for every stage, in kk, ru and en', () => {
    expect(allGuides().map((guide) => guide.stage)).toEqual([...UNGM_STAGES]);
    for (const guide of allGuides()) {
      expect(guide.stepKeys.length).toBeGreaterThanOrEqual(3);
      for (const language of ['kk', 'ru', 'en'] as const) {
        for (const key of [guide.nextKey, ...guide.stepKeys]) expect(translateAny(language, key)).not.toBe(key);
      }
    }
  });

  it('has no step beyond those counted (a forgotten step would never show)', () => {
    for (const stage of UNGM_STAGES) {
      const next = `outcomes.guide.${stage}.steps.s${guideFor(stage).stepKeys.length + 1}`;
      expect(translateAny('en', next)).toBe(next);
    }
  });

  it('says what Level 2 needs in plain words', () => {
    expect(guideFor('level1').stepKeys.map((key) => translateAny('en', key)).join(' ')).toMatch(/three years old.*audited financial statements/s);
    expect(guideFor('registered').stepKeys.map((key) => translateAny('kk', key)).join(' ')).toMatch(/үш ұсыным/);
  });
});
