DROP TABLE progress_posts;
DROP TABLE payments;
