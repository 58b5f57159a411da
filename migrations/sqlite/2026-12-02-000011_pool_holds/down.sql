DROP TABLE pool_hold_releases;
DROP TABLE pool_holds;
