SELECT DISTINCT batch_id FROM batch_events WHERE event = 'rolled_back' ORDER BY batch_id
