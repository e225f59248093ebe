-- An intervention answers at most one lägesbild action (issue 14's est_actions). The two tables
-- came from parallel work (00060 and 00070), so the key that ties them is added here, once both
-- exist. An action that is deleted leaves its interventions standing, unlinked.
update interventions i set action_id = null
  where action_id is not null and not exists (select 1 from est_actions a where a.id = i.action_id);
alter table interventions
  add constraint interventions_action_fk foreign key (action_id) references est_actions (id) on delete set null;
