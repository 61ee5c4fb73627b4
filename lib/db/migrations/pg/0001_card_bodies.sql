CREATE TABLE "card_bodies" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"diagrams" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_cards" ADD COLUMN "body_id" text;--> statement-breakpoint
ALTER TABLE "lesson_cards" ADD CONSTRAINT "lesson_cards_body_id_card_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."card_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concepts_updated_idx" ON "concepts" USING btree ("updated_at_ms");