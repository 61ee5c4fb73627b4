/**
 * Child process for the SQLite concurrency test: opens its own connection to the database
 * file, waits for the shared start time, then applies its share of the ratings, each in its
 * own transaction. Arguments: <sqlite file> <learner key> <worker index> <worker count>
 * <ratings per worker> <start time, epoch ms> <base review time, epoch ms>.
 */

import { SqliteRepository } from '@/lib/db/sqlite-repository';
import { rateConcept } from '@/lib/server/progress';
import { CONCURRENT_RATING_OPTIONS, concurrentRating } from './progress-ratings';

const [filePath, learnerKey, workerText, workersText, perWorkerText, startText, baseText] =
  process.argv.slice(2);
const worker = Number(workerText);
const workers = Number(workersText);
const perWorker = Number(perWorkerText);

const repository = new SqliteRepository(filePath);
try {
  // Start together, so the processes contend for the write lock.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText) - Date.now())));
  for (let step = 0; step < perWorker; step += 1) {
    const index = step * workers + worker;
    const { request, nowMs } = concurrentRating(index, Number(baseText));
    await rateConcept(repository, learnerKey, request, nowMs, CONCURRENT_RATING_OPTIONS);
  }
} finally {
  await repository.close();
}
