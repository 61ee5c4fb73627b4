import type Database from 'better-sqlite3';

import type { Lesson } from '../lessons/types';
import { lessonToRows } from './repository';

type LessonRows = ReturnType<typeof lessonToRows>;

interface LessonStatements {
  insertLesson: Database.Statement;
  hasCardBody: Database.Statement;
  insertCardBody: Database.Statement;
  insertCard: Database.Statement;
  insertRole: Database.Statement;
}

/**
 * Writes lessons to SQLite through statements prepared once per connection. Drizzle's query
 * builder builds the SQL text of each multi-row INSERT and prepares it again on every call, which
 * took about a third of `insertLesson`'s CPU time in a profile under POST /api/lessons load.
 */
export class SqliteLessonWriter {
  private write?: Database.Transaction<(rows: LessonRows) => void>;

  constructor(private readonly sqlite: Database.Database) {}

  /**
   * Stores a lesson with its cards, their bodies and its role analyses in one IMMEDIATE
   * transaction. A card body already stored by an earlier lesson is not written again.
   */
  insert(lesson: Lesson): void {
    // Prepared on first use, because the tables exist only once the repository has migrated.
    this.write ??= this.prepare();
    this.write.immediate(lessonToRows(lesson));
  }

  private prepare(): Database.Transaction<(rows: LessonRows) => void> {
    const statements: LessonStatements = {
      insertLesson: this.sqlite.prepare(
        `INSERT INTO lessons (id, problem, constraints, objectives, analysis, concept_ids, concepts,
           disagreements, learner_key, created_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      hasCardBody: this.sqlite.prepare('SELECT 1 FROM card_bodies WHERE id = ?').pluck(),
      insertCardBody: this.sqlite.prepare(
        'INSERT INTO card_bodies (id, body, diagrams) VALUES (?, ?, ?)',
      ),
      insertCard: this.sqlite.prepare(
        `INSERT INTO lesson_cards (lesson_id, concept_id, position, front, back, quiz, images,
           body_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertRole: this.sqlite.prepare(
        `INSERT INTO role_analyses (lesson_id, role, position, view, evidence, risks, tradeoffs,
           actions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    return this.sqlite.transaction((rows: LessonRows) => writeRows(statements, rows));
  }
}

/** Runs the INSERTs of one lesson; JSON columns get the text Drizzle's `json` mode would write. */
function writeRows(statements: LessonStatements, rows: LessonRows): void {
  const { lesson } = rows;
  statements.insertLesson.run(
    lesson.id,
    lesson.problem,
    JSON.stringify(lesson.constraints),
    JSON.stringify(lesson.objectives),
    JSON.stringify(lesson.analysis),
    JSON.stringify(lesson.conceptIds),
    JSON.stringify(lesson.concepts),
    JSON.stringify(lesson.disagreements),
    lesson.learnerKey,
    lesson.createdAtMs,
  );
  for (const body of rows.bodies) {
    if (statements.hasCardBody.get(body.id) !== undefined) continue;
    statements.insertCardBody.run(body.id, body.body, JSON.stringify(body.diagrams));
  }
  for (const card of rows.cards) {
    statements.insertCard.run(
      card.lessonId,
      card.conceptId,
      card.position,
      JSON.stringify(card.front),
      JSON.stringify(card.back),
      JSON.stringify(card.quiz),
      JSON.stringify(card.images),
      card.bodyId,
    );
  }
  for (const role of rows.roles) {
    statements.insertRole.run(
      role.lessonId,
      role.role,
      role.position,
      role.view,
      JSON.stringify(role.evidence),
      JSON.stringify(role.risks),
      JSON.stringify(role.tradeoffs),
      JSON.stringify(role.actions),
    );
  }
}
