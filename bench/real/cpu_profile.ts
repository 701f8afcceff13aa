/**
 * Where EnvoyNPM's CPU time goes: the functions with the most self time in
 * the `.cpuprofile` files `deno task bench real --cpu-prof` leaves (one per
 * EnvoyNPM process), summed over them.
 *
 * ```sh
 * deno run --allow-read bench/real/cpu_profile.ts bench/results/cpu-prof [top]
 * ```
 *
 * @module
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per function (`name url:line`), from the profiles' samples. */
export function selfTimes(profiles: readonly Profile[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const profile of profiles) {
    const names = new Map(profile.nodes.map((node) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url === ""
        ? ""
        : ` ${url.replace(/^.*\/(lib|bench|main)/, "$1")}:${lineNumber + 1}`;
      return [node.id, `${functionName || "(anonymous)"}${where}`];
    }));
    profile.samples.forEach((id, i) => {
      const name = names.get(id) ?? "?";
      times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  return times;
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? "bench/results/cpu-prof";
  const top = Number(Deno.args[1] ?? 25);
  const profiles: Profile[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.endsWith(".cpuprofile")) {
      profiles.push(JSON.parse(await Deno.readTextFile(`${dir}/${entry.name}`)));
    }
  }
  const times = [...selfTimes(profiles)].sort((a, b) => b[1] - a[1]);
  const busy = times.filter(([name]) => !name.startsWith("(idle)"));
  const total = busy.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`${profiles.length} profiles, ${(total / 1000).toFixed(1)} s of CPU (idle left out)`);
  for (const [name, ms] of busy.slice(0, top)) {
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${name}`,
    );
  }
}
