import type { Lexicon } from "./types.js";

/**
 * Lao. Chat apps' Lao labels are taken to be "ທ່ານເວົ້າວ່າ:" (written as one word, so listed whole)
 * / "ChatGPT ເວົ້າວ່າ:", the buttons "ສຳເນົາ", "ລອງໃໝ່", "ແກ້ໄຂ" and the thinking line
 * "ຂະບວນການຄິດ": the natural wording, none of it confirmed from a localized export (most Lao users
 * run these products in English or Thai, which th.ts reads). Lao runs words together and the
 * matcher reads whole words only for the scripts it knows to be spaceless (not Lao), so these
 * words are found where spaces or punctuation set them apart: labels, headings, short replies.
 * Two spellings are common for "ຳ"/"ໍາ", "ໜ"/"ຫນ", "ໃໝ"/"ໃຫມ" and "ຫຼ"/"ຫລ": both are listed for
 * the key words. Parts are lettered ກ, ຂ, ຄ, ງ. "ປີ້ນກັນ" (reversed) is left out of the judgments:
 * reverse KL is an answer here, not a verdict; "ກັບກັນ" (swapped) is in them.
 */
export const lo: Lexicon = {
  language: "lo",
  personLabels: ["ທ່ານເວົ້າວ່າ", "ເຈົ້າເວົ້າວ່າ", "ຜູ້ໃຊ້", "ນັກຮຽນ", "ນັກສຶກສາ"],
  modelLabels: ["ຜູ້ຊ່ວຍ", "ໂມເດວ", "ປັນຍາປະດິດ"],
  said: ["ເວົ້າວ່າ", "ຕອບວ່າ", "ຂຽນວ່າ"],
  reasoning: ["ຂະບວນການຄິດ", "ສະແດງການຄິດ", "ສະແດງຂະບວນການຄິດ"],
  reasoningDuration: ["ຄິດເປັນເວລາ", "ໃຊ້ເວລາຄິດ"],
  sources: ["ແຫຼ່ງຂໍ້ມູນ", "ແຫລ່ງຂໍ້ມູນ"],
  related: ["ທີ່ກ່ຽວຂ້ອງ", "ຄຳຖາມທີ່ກ່ຽວຂ້ອງ"],
  answer: ["ຄຳຕອບ", "ຄໍາຕອບ", "ຄຳຕອບສຸດທ້າຍ", "ຄໍາຕອບສຸດທ້າຍ", "ວິທີແກ້", "ຜົນລັບ", "ສະຫຼຸບ", "ສະຫລຸບ"],
  final: ["ສະບັບສຸດທ້າຍ", "ສຸດທ້າຍ"],
  personMessageEnd: ["ແກ້ໄຂ", "ແກ້ໄຂຂໍ້ຄວາມ"],
  modelMessageEnd: ["ສຳເນົາ", "ສໍາເນົາ", "ລອງໃໝ່", "ລອງໃຫມ່", "ລອງອີກຄັ້ງ", "ສ້າງໃໝ່"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  mediaOmitted: ["<ບໍ່ລວມສື່>", "ບໍ່ລວມສື່"],
  theUser: ["ຜູ້ໃຊ້"],
  revision: [
    "ແກ້ໄຂແລ້ວ",
    "ສະບັບແກ້ໄຂ",
    "ຄວາມຈິງແລ້ວ",
    "ແທ້ຈິງແລ້ວ",
    "ທ່ານເວົ້າຖືກ",
    "ຂ້ອຍຜິດເອງ",
    "ຄຳຕອບໃໝ່",
    "ຄໍາຕອບໃຫມ່",
  ],
  retraction: ["ລໍຖ້າ ບໍ່ແມ່ນ", "ບໍ່ແມ່ນ ລໍຖ້າ", "ອັນນີ້ຜິດ", "ລືມມັນສາ"],
  problem: ["ຂໍ້", "ຂໍ້ທີ", "ໂຈດ", "ໂຈດຂໍ້", "ຄຳຖາມ", "ຄໍາຖາມ", "ບົດເຝິກຫັດ"],
  part: ["ຂໍ້ຍ່ອຍ", "ສ່ວນ", "ສ່ວນທີ", "ພາກ"],
  numbers: [
    ["ໜຶ່ງ", "ຫນຶ່ງ", "ທີໜຶ່ງ", "ທີຫນຶ່ງ"],
    ["ສອງ", "ທີສອງ"],
    ["ສາມ", "ທີສາມ"],
    ["ສີ່", "ທີສີ່"],
    ["ຫ້າ", "ທີຫ້າ"],
    ["ຫົກ", "ທີຫົກ"],
    ["ເຈັດ", "ທີເຈັດ"],
    ["ແປດ", "ທີແປດ"],
    ["ເກົ້າ", "ທີເກົ້າ"],
  ],
  partLetters: ["ກ", "ຂ", "ຄ", "ງ"],
  leadIn: ["ສຳລັບ", "ສໍາລັບ", "ກ່ຽວກັບ"],
  commentary: ["ໃນຄວາມຄິດຂອງຂ້ອຍ", "ໃນຄວາມເຫັນຂອງຂ້ອຍ", "ຂ້ອຍບໍ່ເຫັນດີ", "ຂ້ອຍເຫັນດີ", "ສ່ວນຕົວ"],
  commentaryWeak: ["ຂ້ອຍຄິດວ່າ", "ຂ້ອຍເຊື່ອວ່າ", "ຄຳອະທິບາຍ", "ຄໍາອະທິບາຍ"],
  judgedRight: ["ຖືກຕ້ອງ", "ຖືກແລ້ວ", "ແມ່ນແລ້ວ"],
  judgedWrong: ["ຜິດ", "ບໍ່ຖືກຕ້ອງ", "ບໍ່ຖືກ", "ກັບກັນ", "ສະຫຼັບກັນ", "ຄວນຈະເປັນ"],
  negation: ["ບໍ່", "ບໍ່ແມ່ນ", "ບໍ່ມີ", "ບໍ່ເຄີຍ", "ໂດຍບໍ່ມີ"],
  but: ["ແຕ່"],
  or: ["ຫຼື", "ຫລື"],
  whereas: ["ໃນຂະນະທີ່", "ຂະນະທີ່"],
  however: ["ຢ່າງໃດກໍຕາມ", "ເຖິງຢ່າງໃດກໍຕາມ"],
  subjectVerbs: ["ແມ່ນ", "ຄື", "ເປັນ"],
  worst: ["ຮ້າຍທີ່ສຸດ", "ບໍ່ດີທີ່ສຸດ", "ແຍ່ທີ່ສຸດ"],
  request: ["ຊ່ວຍ", "ກະລຸນາ", "ຂໍ້ຕໍ່ໄປ", "ຂອບໃຈ", "ສະບາຍດີ"],
  ticked: ["ເລືອກແລ້ວ", "ຕິກແລ້ວ"],
  unticked: ["ບໍ່ໄດ້ເລືອກ", "ບໍ່ໄດ້ຕິກ", "ວ່າງ"],
  declined: ["ເບິ່ງບໍ່ເຫັນ", "ບໍ່ສາມາດເບິ່ງ", "ຖ້າທ່ານອະທິບາຍ", "ກະລຸນາອັບໂຫຼດ", "ບໍ່ສາມາດຕອບ"],
  skipped: ["ໄວ້ພາຍຫຼັງ", "ຂ້າມໄປ", "ຍັງບໍ່ໄດ້ເຮັດ", "ບໍ່ຮູ້"],
  preferred: ["ຄຳຕອບ", "ຄໍາຕອບ", "ຖືກຕ້ອງ", "ດີທີ່ສຸດ", "ດີກວ່າ", "ເລືອກ", "ດັ່ງນັ້ນ", "ໜ້າຈະເປັນ"],
  optionNouns: ["ເສັ້ນໂຄ້ງ", "ກຣາຟ", "ເສັ້ນສະແດງ", "ຮູບ", "ຮູບທີ", "ຕົວເລືອກ", "ການທົດລອງ"],
  only: ["ເທົ່ານັ້ນ", "ພຽງແຕ່", "ແຕ່ພຽງ"],
  both: ["ທັງສອງ", "ທັງຄູ່"],
  conditional: ["ຖ້າ", "ຫາກ"],
  hedge: ["ບອກໄດ້ຍາກ", "ຍາກທີ່ຈະບອກ", "ຕັດສິນບໍ່ໄດ້", "ບໍ່ແນ່ໃຈວ່າຂໍ້ໃດ", "ທັງສອງການຕີຄວາມ", "ຕ້ອງການຂໍ້ມູນເພີ່ມເຕີມ"],
  welcome: ["ດ້ວຍຄວາມຍິນດີ"],
  failedReply: ["ມີບາງຢ່າງຜິດພາດ", "ເກີດຂໍ້ຜິດພາດ"],
  glosses: { "mass covering cover": ["ຄອບຄຸມ"] },
};
