// The administrator's section of the Lägesbild page: EST partner organisations and their
// members with the districts each works in. Props in, calls through lagesbildApi.
import { For, createResource } from 'solid-js';
import { lagesbildApi } from './lagesbild-api.ts';
import type { LagesbildMessages } from './lagesbild-messages.ts';

const KINDS = ['polis', 'fastighetsagare', 'skola', 'forening', 'naringsliv', 'kommun', 'raddningstjanst', 'annan'];

export function OrganisationsAdmin(props: { t: LagesbildMessages; onError: (err: unknown) => void }) {
  const [orgs, { refetch }] = createResource(() => lagesbildApi.organisations());
  const submit = (f: (data: FormData) => Promise<unknown>) => async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      await f(new FormData(form));
      form.reset();
      await refetch();
    } catch (err) {
      props.onError(err);
    }
  };
  return (
    <section class="lagesbild__admin" aria-labelledby="org-admin">
      <h2 id="org-admin">{props.t.organisations}</h2>
      <ul>
        <For each={orgs()?.organisations ?? []}>
          {(o) => (
            <li>
              <strong>{o.name}</strong> ({o.id}, {o.kind}): {o.members.map((m) => `${m.email} [${m.districts.join(', ')}]`).join('; ') || '–'}
              <form class="lagesbild__form lagesbild__form--inline" onSubmit={submit((f) => lagesbildApi.putMember(o.id, String(f.get('user')), String(f.get('districts') ?? '').split(',').map((s) => s.trim()).filter(Boolean)))}>
                <label>{props.t.member} <input name="user" required /></label>
                <label>{props.t.memberDistricts} <input name="districts" /></label>
                <button type="submit" class="lagesbild__button">{props.t.addMember}</button>
              </form>
            </li>
          )}
        </For>
      </ul>
      <form class="lagesbild__form lagesbild__form--inline" onSubmit={submit((f) => lagesbildApi.putOrganisation({ id: String(f.get('id')), name: String(f.get('name')), kind: String(f.get('kind')) }))}>
        <label>{props.t.orgId} <input name="id" required pattern="[a-z0-9-]{2,64}" /></label>
        <label>{props.t.orgName} <input name="name" required /></label>
        <select name="kind" aria-label="kind"><For each={KINDS}>{(k) => <option value={k}>{k}</option>}</For></select>
        <button type="submit" class="lagesbild__button">{props.t.save}</button>
      </form>
    </section>
  );
}
