-- Issue 4: a merchant's logo is shown inside the checkout frame, whose CSP allows images from the page's own
-- origin, the logo's https origin, or data: for an inline logo, nothing else. A logo that could never load there
-- (http, javascript:, a relative path) is refused here rather than shown as a broken image, and one stored
-- before this rule is dropped so the header falls back on the name alone.
UPDATE merchants SET logo_url = NULL
WHERE logo_url !~ '^https://[^\s/?#@]+(/\S*)?$' AND logo_url !~ '^data:image/(svg\+xml|png|jpeg|gif|webp)[^,]*,';

ALTER TABLE merchants ADD CONSTRAINT merchants_logo_url_source
  CHECK (logo_url ~ '^https://[^\s/?#@]+(/\S*)?$' OR logo_url ~ '^data:image/(svg\+xml|png|jpeg|gif|webp)[^,]*,');
