CREATE TABLE `card_bodies` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`diagrams` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `lesson_cards` ADD `body_id` text REFERENCES card_bodies(id);--> statement-breakpoint
CREATE INDEX `concepts_updated_idx` ON `concepts` (`updated_at_ms`);