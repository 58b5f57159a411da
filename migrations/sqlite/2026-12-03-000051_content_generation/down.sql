ALTER TABLE write_lock DROP COLUMN content_generation;
