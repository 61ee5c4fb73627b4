CREATE TABLE `concepts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`level` text NOT NULL,
	`domain` text NOT NULL,
	`tags` text NOT NULL,
	`prereq_ids` text NOT NULL,
	`resources` text NOT NULL,
	`body` text NOT NULL,
	`quiz` text NOT NULL,
	`diagrams` text NOT NULL,
	`updated_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`html` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exports_lesson_idx` ON `exports` (`lesson_id`);--> statement-breakpoint
CREATE TABLE `lesson_cards` (
	`lesson_id` text NOT NULL,
	`concept_id` text NOT NULL,
	`position` integer NOT NULL,
	`front` text NOT NULL,
	`back` text NOT NULL,
	`quiz` text NOT NULL,
	`images` text NOT NULL,
	PRIMARY KEY(`lesson_id`, `position`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` text PRIMARY KEY NOT NULL,
	`problem` text NOT NULL,
	`constraints` text NOT NULL,
	`objectives` text NOT NULL,
	`analysis` text NOT NULL,
	`concept_ids` text NOT NULL,
	`concepts` text NOT NULL,
	`disagreements` text NOT NULL,
	`learner_key` text,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lessons_learner_idx` ON `lessons` (`learner_key`);--> statement-breakpoint
CREATE TABLE `podcasts` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`status` text NOT NULL,
	`script` text NOT NULL,
	`audio` blob,
	`mime_type` text,
	`duration_ms` integer,
	`chapters` text NOT NULL,
	`show_notes` text NOT NULL,
	`provider` text,
	`error` text,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `podcasts_lesson_idx` ON `podcasts` (`lesson_id`);--> statement-breakpoint
CREATE TABLE `progress` (
	`learner_key` text NOT NULL,
	`concept_id` text NOT NULL,
	`fsrs_state` text NOT NULL,
	`status` text NOT NULL,
	`scores` text NOT NULL,
	`due_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	PRIMARY KEY(`learner_key`, `concept_id`)
);
--> statement-breakpoint
CREATE TABLE `review_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`learner_key` text NOT NULL,
	`concept_id` text NOT NULL,
	`rating` integer NOT NULL,
	`source` text NOT NULL,
	`log` text NOT NULL,
	`reviewed_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `review_logs_learner_idx` ON `review_logs` (`learner_key`,`reviewed_at_ms`);--> statement-breakpoint
CREATE TABLE `role_analyses` (
	`lesson_id` text NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	`view` text NOT NULL,
	`evidence` text NOT NULL,
	`risks` text NOT NULL,
	`tradeoffs` text NOT NULL,
	`actions` text NOT NULL,
	PRIMARY KEY(`lesson_id`, `role`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
