CREATE TABLE "lesson_scenarios" (
	"id" text PRIMARY KEY NOT NULL,
	"lesson_id" text NOT NULL,
	"name" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_scenarios" ADD CONSTRAINT "lesson_scenarios_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_scenarios_lesson_idx" ON "lesson_scenarios" USING btree ("lesson_id","created_at_ms");