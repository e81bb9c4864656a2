/** Problem sets as validated data. */
export { homework } from "./homework.js";
export {
  type AnswerType,
  type Option,
  type Part,
  type PartOf,
  type Problem,
  type ProblemSet,
  parseProblemSet,
  partSchema,
  problemSchema,
  problemSetSchema,
  targetLine,
} from "./schema.js";
