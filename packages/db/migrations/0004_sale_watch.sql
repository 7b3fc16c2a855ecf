ALTER TYPE "public"."run_trigger" ADD VALUE 'watch';--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_watch" (
	"platform" "platform" PRIMARY KEY NOT NULL,
	"cursor" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_polled_at" timestamp with time zone,
	"sales_found" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "observed" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_key" ON "notifications" USING btree ("key");--> statement-breakpoint
CREATE INDEX "notifications_unsent_idx" ON "notifications" USING btree ("sent_at");