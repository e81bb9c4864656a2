/** Problem sets as validated data. */
export { homework } from "./homework.js";
export {
  type AnswerType,
  derivedPartLabel,
  figureLabel,
  type Option,
  type Part,
  type PartOf,
  type Problem,
  type ProblemSet,
  parseProblemSet,
  partDerivedBy,
  partLabel,
  partSchema,
  problemOf,
  problemSchema,
  problemSetSchema,
  targetLine,
} from "./schema.js";
