-- Codes of every expected sender.
SELECT code FROM senders ORDER BY sort_order;
