CREATE TYPE "public"."action_kind" AS ENUM('create', 'update', 'stock', 'end', 'delete', 'link');--> statement-breakpoint
CREATE TYPE "public"."action_status" AS ENUM('planned', 'in_flight', 'succeeded', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."condition" AS ENUM('new', 'mint', 'excellent', 'very_good', 'good', 'fair', 'poor', 'non_functioning');--> statement-breakpoint
CREATE TYPE "public"."listing_state" AS ENUM('active', 'draft', 'ended', 'sold');--> statement-breakpoint
CREATE TYPE "public"."movement_reason" AS ENUM('sale', 'manual', 'import', 'correction');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('ebay', 'reverb', 'vr', 'website');--> statement-breakpoint
CREATE TYPE "public"."product_status" AS ENUM('active', 'sold', 'archived', 'draft');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'snapshotting', 'planning', 'awaiting_approval', 'planned', 'executing', 'completed', 'completed_with_errors', 'failed');--> statement-breakpoint
CREATE TYPE "public"."run_trigger" AS ENUM('manual', 'schedule', 'webhook', 'cli', 'bench');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('pending', 'synced', 'error');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid,
	"action_id" bigint,
	"platform" "platform" NOT NULL,
	"sku" text,
	"kind" "action_kind" NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" "action_status" NOT NULL,
	"request_summary" jsonb NOT NULL,
	"response_status" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ebay_listings" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"price_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"state" "listing_state" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sku" text NOT NULL,
	"offer_id" text,
	"listing_id" text,
	"marketplace_id" text DEFAULT 'EBAY_US' NOT NULL,
	"condition_enum" text,
	CONSTRAINT "ebay_listings_quantity_nonnegative" CHECK ("ebay_listings"."quantity" >= 0),
	CONSTRAINT "ebay_listings_price_nonnegative" CHECK ("ebay_listings"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "platform_common" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"platform" "platform" NOT NULL,
	"external_id" text,
	"status" "listing_state",
	"sync_status" "sync_status" DEFAULT 'pending' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"last_written_hash" text,
	"baseline" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_settings" (
	"platform" "platform" PRIMARY KEY NOT NULL,
	"markup_pct" integer DEFAULT 0 NOT NULL,
	"round_to_cents" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" serial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"year" integer,
	"finish" text,
	"category" text,
	"condition" "condition" NOT NULL,
	"price_cents" bigint NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "product_status" DEFAULT 'active' NOT NULL,
	"platforms" "platform"[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sync_pending" boolean DEFAULT true NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "products_price_nonnegative" CHECK ("products"."price_cents" >= 0),
	CONSTRAINT "products_quantity_nonnegative" CHECK ("products"."quantity" >= 0),
	CONSTRAINT "products_currency_iso" CHECK ("products"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "products_sku_nonempty" CHECK (length("products"."sku") > 0)
);
--> statement-breakpoint
CREATE TABLE "remote_listings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"external_id" text NOT NULL,
	"sku" text,
	"listing" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reverb_listings" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"price_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"state" "listing_state" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"listing_id" text NOT NULL,
	"condition_uuid" text,
	CONSTRAINT "reverb_listings_quantity_nonnegative" CHECK ("reverb_listings"."quantity" >= 0),
	CONSTRAINT "reverb_listings_price_nonnegative" CHECK ("reverb_listings"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"delta" integer NOT NULL,
	"quantity_after" integer NOT NULL,
	"reason" "movement_reason" NOT NULL,
	"platform" "platform",
	"sale_key" text,
	"run_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_quantity_after_nonnegative" CHECK ("stock_movements"."quantity_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sync_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"product_id" integer,
	"sku" text,
	"kind" "action_kind" NOT NULL,
	"status" "action_status" DEFAULT 'planned' NOT NULL,
	"priority" integer NOT NULL,
	"reason" text NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_actions_attempts_nonnegative" CHECK ("sync_actions"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "run_status" DEFAULT 'queued' NOT NULL,
	"trigger" "run_trigger" NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"platforms" "platform"[] NOT NULL,
	"skus" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"snapshot_at" timestamp with time zone,
	"planned_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"stages" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb,
	"api_calls" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "vr_listings" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"price_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"state" "listing_state" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"vr_product_id" text,
	"category" text,
	CONSTRAINT "vr_listings_quantity_nonnegative" CHECK ("vr_listings"."quantity" >= 0),
	CONSTRAINT "vr_listings_price_nonnegative" CHECK ("vr_listings"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "website_listings" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"price_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"state" "listing_state" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"woo_id" text NOT NULL,
	"woo_status" text NOT NULL,
	CONSTRAINT "website_listings_quantity_nonnegative" CHECK ("website_listings"."quantity" >= 0),
	CONSTRAINT "website_listings_price_nonnegative" CHECK ("website_listings"."price_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_id_sync_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."sync_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ebay_listings" ADD CONSTRAINT "ebay_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_common" ADD CONSTRAINT "platform_common_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_listings" ADD CONSTRAINT "remote_listings_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reverb_listings" ADD CONSTRAINT "reverb_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_actions" ADD CONSTRAINT "sync_actions_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_actions" ADD CONSTRAINT "sync_actions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vr_listings" ADD CONSTRAINT "vr_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_listings" ADD CONSTRAINT "website_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_run_idx" ON "audit_log" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ebay_listings_sku_key" ON "ebay_listings" USING btree ("sku");--> statement-breakpoint
CREATE UNIQUE INDEX "ebay_listings_offer_key" ON "ebay_listings" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_common_product_platform_key" ON "platform_common" USING btree ("product_id","platform");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_common_platform_external_key" ON "platform_common" USING btree ("platform","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_key" ON "products" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "products_sync_pending_idx" ON "products" USING btree ("sync_pending");--> statement-breakpoint
CREATE UNIQUE INDEX "remote_listings_run_platform_external_key" ON "remote_listings" USING btree ("run_id","platform","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reverb_listings_listing_key" ON "reverb_listings" USING btree ("listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_platform_sale_key" ON "stock_movements" USING btree ("platform","sale_key");--> statement-breakpoint
CREATE INDEX "stock_movements_product_idx" ON "stock_movements" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "sync_actions_run_status_idx" ON "sync_actions" USING btree ("run_id","status");--> statement-breakpoint
CREATE INDEX "sync_actions_run_platform_idx" ON "sync_actions" USING btree ("run_id","platform");--> statement-breakpoint
CREATE INDEX "sync_actions_product_idx" ON "sync_actions" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "sync_runs_created_idx" ON "sync_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_full" ON "sync_runs" USING btree ((true)) WHERE "sync_runs"."skus" is null and "sync_runs"."dry_run" = false and "sync_runs"."status" in ('queued','snapshotting','planning','executing');--> statement-breakpoint
CREATE UNIQUE INDEX "vr_listings_product_key" ON "vr_listings" USING btree ("vr_product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "website_listings_woo_key" ON "website_listings" USING btree ("woo_id");