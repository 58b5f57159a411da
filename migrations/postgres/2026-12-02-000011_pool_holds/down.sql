DROP TABLE pool_hold_releases;
DROP TABLE pool_holds;
DROP FUNCTION pool_holds_append_only();
