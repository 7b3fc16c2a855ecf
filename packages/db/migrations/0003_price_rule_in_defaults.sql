-- The price rule moves into the listing defaults, as {markupPct, endingCents}.
UPDATE "platform_settings" SET "defaults" = "defaults" || jsonb_build_object('priceRule', jsonb_build_object('markupPct', "markup_pct", 'endingCents', "round_to_cents")) WHERE "markup_pct" <> 0 OR "round_to_cents" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_settings" DROP COLUMN "markup_pct";--> statement-breakpoint
ALTER TABLE "platform_settings" DROP COLUMN "round_to_cents";