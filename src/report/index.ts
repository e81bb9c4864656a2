/** The report site: build it from results, serve it on localhost. */
export { browserEngine, bundleScript, repoRoot } from "./bundle.js";
export { extractLatentRuns, type LatentRun } from "./extract.js";
export { type LoadedResults, loadResults, type SiteFigure } from "./results.js";
export { resolveInside, SECURITY_HEADERS, type StaticServer, serveStatic } from "./serve.js";
export { type BuildSiteOptions, type BuiltSite, buildSite } from "./site.js";
export type { GradedPart, GradedTranscript, Verdict } from "./transcript-view.js";
