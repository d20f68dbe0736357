-- A payment that waits for the customer's bank (3-D Secure) or to settle was priced, and charged, with the session's
-- promotion code when it was asked for, the code's row locked and its limit checked then. Another customer may take
-- the code's last redemption while it waits: the payment still went through at the discounted price, and the
-- checkout it completes redeems the code all the same (`fulfilCheckout`). The count of redemptions may then pass
-- `max_redemptions` by the payments that waited, rather than undercount the discounts given; a new checkout still
-- stops at the limit (`promotionProblem`). Migration 003 had forbidden that count.
ALTER TABLE promotion_codes DROP CONSTRAINT promotion_codes_check2;
