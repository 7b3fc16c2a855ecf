ALTER TABLE "stock_movements" ADD COLUMN "order_id" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "orders" jsonb;