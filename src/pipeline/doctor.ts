/** The machine's state for `groundtruth doctor`: versions, the engine backend and the data sets. */

/** Node, the platform, the engine it starts and each data set's check (`ok: false` is a failed check). */
export async function doctor() {
  const { initEngine } = await import("../engine/index.js");
  const { checkDataSets } = await import("../data/check.js");
  const engine = await initEngine();
  const data = checkDataSets();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    engine,
    data,
  };
}
