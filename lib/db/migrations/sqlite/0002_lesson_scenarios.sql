CREATE TABLE `lesson_scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`name` text NOT NULL,
	`scenario` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_scenarios_lesson_idx` ON `lesson_scenarios` (`lesson_id`,`created_at_ms`);