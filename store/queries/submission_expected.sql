-- Which indicators each sender is expected to send.
SELECT sender_code, indicator_code FROM sender_indicators ORDER BY sender_code, indicator_code;
