DROP TABLE plan_amount_corrections;
DROP TABLE plan_cost_lines;
DROP TABLE plan_verdicts;
DROP TABLE area_eligibility;
DROP TABLE review_criteria;
