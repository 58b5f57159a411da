META
key;value
description;Voorbeeld: dorpsbudget (worked example in docs/counting.md)
country;Netherlands
unit;Voorbeelddorp
instance;2026
num_projects;4
num_votes;10
budget;1000
vote_type;approval
rule;greedy
date_begin;01.03.2026
date_end;15.03.2026
language;nl
currency;EUR
PROJECTS
project_id;cost;votes;name
A;600;6;Speeltuin bij de school
B;300;5;Bankjes op de Brink
C;400;4;Bloemenweide aan de Dijk
D;100;2;Jeu-de-boulesbaan
VOTES
voter_id;vote
1;A,B
2;A,B
3;A,B
4;A,B
5;A,B
6;A
7;C
8;C
9;C,D
10;C,D
