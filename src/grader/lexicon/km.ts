import type { Lexicon } from "./types.js";

/**
 * Khmer. Chat apps' Khmer labels are taken to be "អ្នកបាននិយាយ៖" / "ChatGPT បាននិយាយ៖", their
 * buttons "ចម្លង", "ព្យាយាមម្តងទៀត", "កែសម្រួល", and the thinking line "ដំណើរការគិត" (the natural
 * wording: no localized export was at hand to confirm any UI string here). Khmer runs words
 * together, and the matcher reads whole words only for the scripts it knows to be spaceless (not
 * Khmer), so these words are found where spaces or punctuation set them apart: labels, headings,
 * short replies; pages that put zero-width spaces between words are read the same way. Both
 * spellings of the subscript "ត"/"ដ" ("ម្តង"/"ម្ដង", "សេចក្តី"/"សេចក្ដី") are listed for the key words.
 * Parts are lettered ក, ខ, គ, ឃ. Left out: "មួយ" (one, also "a"), bare "ត្រូវ" (right, but also
 * "must"), "គឺ", "ជា" (is), "ទេ", "ឬ", "បើ", "បី", "តែ" and the other 1–2-letter words. "បញ្ច្រាស"
 * (reversed) is left out of the judgments: reverse KL is an answer here, not a verdict.
 */
export const km: Lexicon = {
  language: "km",
  personLabels: ["អ្នកបាននិយាយ", "អ្នកប្រើប្រាស់"],
  modelLabels: ["ជំនួយការ", "ម៉ូដែល", "បញ្ញាសិប្បនិម្មិត"],
  said: ["បាននិយាយ", "បានសរសេរ", "បានឆ្លើយ"],
  reasoning: ["ដំណើរការគិត", "បង្ហាញការគិត", "បង្ហាញដំណើរការគិត"],
  reasoningDuration: ["បានគិតរយៈពេល", "រយៈពេលគិត"],
  sources: ["ប្រភព"],
  related: ["ពាក់ព័ន្ធ", "សំណួរពាក់ព័ន្ធ"],
  answer: [
    "ចម្លើយ",
    "ចម្លើយចុងក្រោយ",
    "ចម្លើយចុងបញ្ចប់",
    "ដំណោះស្រាយ",
    "លទ្ធផល",
    "សេចក្តីសន្និដ្ឋាន",
    "សេចក្ដីសន្និដ្ឋាន",
    "សង្ខេប",
  ],
  final: ["ចុងក្រោយ", "កំណែចុងក្រោយ"],
  personMessageEnd: ["កែសម្រួល", "កែសម្រួលសារ"],
  modelMessageEnd: ["ចម្លង", "ចម្លងកូដ", "ព្យាយាមម្តងទៀត", "ព្យាយាមម្ដងទៀត", "បង្កើតឡើងវិញ"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  mediaOmitted: ["<មិនរួមបញ្ចូលមេឌៀ>", "មិនរួមបញ្ចូលមេឌៀ"],
  theUser: ["អ្នកប្រើប្រាស់"],
  revision: [
    "បានកែតម្រូវ",
    "កែតម្រូវ",
    "តាមពិត",
    "តាមពិតទៅ",
    "អ្នកនិយាយត្រូវ",
    "អ្នកត្រូវហើយ",
    "ខ្ញុំខុស",
    "ខ្ញុំច្រឡំ",
    "ចម្លើយថ្មី",
    "បានធ្វើបច្ចុប្បន្នភាព",
  ],
  retraction: ["ចាំ មិនមែនទេ", "ចាំសិន មិនមែនទេ", "អត់ទេ ចាំ", "នោះខុស", "នោះខុសហើយ", "ខ្ញុំច្រឡំគ្នា"],
  problem: ["លំហាត់", "សំណួរ", "បញ្ហា", "ចំណោទ"],
  part: ["ផ្នែក", "សំណួររង"],
  numbers: [["ទីមួយ"], ["ពីរ", "ទីពីរ"], ["ទីបី"], ["បួន", "ទីបួន"], ["ប្រាំ", "ទីប្រាំ"]],
  partLetters: ["ក", "ខ", "គ", "ឃ"],
  leadIn: ["ចំពោះ", "ឥឡូវ"],
  commentary: ["តាមគំនិតខ្ញុំ", "តាមយោបល់ខ្ញុំ", "ខ្ញុំមិនយល់ស្រប", "ខ្ញុំយល់ស្រប", "ផ្ទាល់ខ្លួនខ្ញុំ"],
  commentaryWeak: ["ខ្ញុំគិតថា", "ខ្ញុំជឿថា"],
  judgedRight: ["ត្រឹមត្រូវ", "ត្រូវហើយ", "ពិតជាត្រូវ"],
  judgedWrong: ["ខុស", "មិនត្រឹមត្រូវ", "មិនត្រូវ", "គួរតែជា"],
  negation: ["មិន", "មិនមែន", "អត់", "គ្មាន", "មិនដែល", "ដោយគ្មាន"],
  but: ["ប៉ុន្តែ", "ប៉ុន្ដែ"],
  whereas: ["ខណៈពេលដែល", "ចំណែកឯ"],
  however: ["យ៉ាងណាក៏ដោយ", "ទោះជាយ៉ាងណាក៏ដោយ"],
  worst: ["អាក្រក់បំផុត", "អាក្រក់ជាង"],
  request: ["សូម", "ជួយ", "ដោះស្រាយ", "បន្ទាប់", "អរគុណ", "សួស្តី", "សួស្ដី"],
  ticked: ["បានធីក", "បានជ្រើសរើស", "បាទ", "ចាស"],
  unticked: ["មិនបានធីក", "ទទេ"],
  declined: [
    "មើលមិនឃើញ",
    "មិនអាចមើលឃើញ",
    "គ្មានរូបភាព",
    "ប្រសិនបើអ្នកពិពណ៌នា",
    "សូមបង្ហោះ",
    "មិនអាចឆ្លើយ",
    "មិនអាចជ្រើសរើស",
    "មិនត្រូវបានភ្ជាប់",
    "សូមផ្ញើរូបភាព",
  ],
  skipped: ["ពេលក្រោយ", "រំលង", "មិនដឹង"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  failedReply: ["មានអ្វីមួយខុសប្រក្រតី", "មានបញ្ហាកើតឡើង", "បញ្ហាបណ្ដាញ", "សូមព្យាយាមម្ដងទៀតនៅពេលក្រោយ"],
  welcome: ["មិនអីទេ"],
  preferred: ["ចម្លើយ", "ត្រឹមត្រូវ", "ល្អបំផុត", "ល្អជាង", "ជ្រើសរើស", "ដូច្នេះ", "ទំនងបំផុត"],
  optionNouns: ["ខ្សែកោង", "ក្រាហ្វ", "រូបភាព", "រូប", "ជម្រើស", "ពិសោធន៍", "ដ្យាក្រាម"],
  only: ["តែប៉ុណ្ណោះ", "ប៉ុណ្ណោះ", "តែមួយគត់"],
  both: ["ទាំងពីរ"],
  conditional: ["ប្រសិនបើ"],
  or: ["ឬក៏"],
  hedge: [
    "ពិបាកនិយាយ",
    "ពិបាកក្នុងការសម្រេច",
    "មិនអាចសម្រេចបាន",
    "មិនប្រាកដថាមួយណា",
    "ការបកស្រាយទាំងពីរ",
    "ទាំងពីរត្រឹមត្រូវ",
    "ត្រូវការព័ត៌មានបន្ថែម",
    "មិនអាចកំណត់បាន",
  ],
};
