/**
 * Names under which the learner key travels. The key is a random UUID kept in the browser. It is
 * the only link between a learner and their progress, so it goes in a header, never in a URL.
 */

/** HTTP header that carries the learner key on every progress and review request. */
export const LEARNER_KEY_HEADER = 'x-learner-key';

/** localStorage entry that stores the browser's learner key. The lesson form reads it too. */
export const LEARNER_KEY_STORAGE = 'infra-learn:learner-key';
