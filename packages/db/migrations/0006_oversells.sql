CREATE TYPE "public"."oversell_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TABLE "oversells" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"sku" text NOT NULL,
	"key" text NOT NULL,
	"sales" jsonb NOT NULL,
	"last_platform" "platform" NOT NULL,
	"relist_held" boolean DEFAULT true NOT NULL,
	"status" "oversell_status" DEFAULT 'open' NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "oversells" ADD CONSTRAINT "oversells_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversells" ADD CONSTRAINT "oversells_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oversells_key" ON "oversells" USING btree ("key");--> statement-breakpoint
CREATE INDEX "oversells_status_created_idx" ON "oversells" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "oversells_product_idx" ON "oversells" USING btree ("product_id");