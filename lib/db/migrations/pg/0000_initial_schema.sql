CREATE TABLE "concepts" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"level" text NOT NULL,
	"domain" text NOT NULL,
	"tags" jsonb NOT NULL,
	"prereq_ids" jsonb NOT NULL,
	"resources" jsonb NOT NULL,
	"body" text NOT NULL,
	"quiz" jsonb NOT NULL,
	"diagrams" jsonb NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exports" (
	"id" text PRIMARY KEY NOT NULL,
	"lesson_id" text NOT NULL,
	"html" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lesson_cards" (
	"lesson_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"position" integer NOT NULL,
	"front" jsonb NOT NULL,
	"back" jsonb NOT NULL,
	"quiz" jsonb NOT NULL,
	"images" jsonb NOT NULL,
	CONSTRAINT "lesson_cards_lesson_id_position_pk" PRIMARY KEY("lesson_id","position")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" text PRIMARY KEY NOT NULL,
	"problem" text NOT NULL,
	"constraints" jsonb NOT NULL,
	"objectives" jsonb NOT NULL,
	"analysis" jsonb NOT NULL,
	"concept_ids" jsonb NOT NULL,
	"concepts" jsonb NOT NULL,
	"disagreements" jsonb NOT NULL,
	"learner_key" text,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "podcasts" (
	"id" text PRIMARY KEY NOT NULL,
	"lesson_id" text NOT NULL,
	"status" text NOT NULL,
	"script" text NOT NULL,
	"audio" "bytea",
	"mime_type" text,
	"duration_ms" integer,
	"chapters" jsonb NOT NULL,
	"show_notes" jsonb NOT NULL,
	"provider" text,
	"error" text,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress" (
	"learner_key" text NOT NULL,
	"concept_id" text NOT NULL,
	"fsrs_state" jsonb NOT NULL,
	"status" text NOT NULL,
	"scores" jsonb NOT NULL,
	"due_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "progress_learner_key_concept_id_pk" PRIMARY KEY("learner_key","concept_id")
);
--> statement-breakpoint
CREATE TABLE "review_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"learner_key" text NOT NULL,
	"concept_id" text NOT NULL,
	"rating" integer NOT NULL,
	"source" text NOT NULL,
	"log" jsonb NOT NULL,
	"reviewed_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_analyses" (
	"lesson_id" text NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"view" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"risks" jsonb NOT NULL,
	"tradeoffs" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	CONSTRAINT "role_analyses_lesson_id_role_pk" PRIMARY KEY("lesson_id","role")
);
--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_cards" ADD CONSTRAINT "lesson_cards_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "podcasts" ADD CONSTRAINT "podcasts_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_analyses" ADD CONSTRAINT "role_analyses_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exports_lesson_idx" ON "exports" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "lessons_learner_idx" ON "lessons" USING btree ("learner_key");--> statement-breakpoint
CREATE INDEX "podcasts_lesson_idx" ON "podcasts" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "review_logs_learner_idx" ON "review_logs" USING btree ("learner_key","reviewed_at_ms");