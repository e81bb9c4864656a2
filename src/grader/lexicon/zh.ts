import type { Lexicon } from "./types.js";

/** Chinese: no spaces between words, so phrases match as written. */
export const zh: Lexicon = {
  language: "zh",
  personLabels: ["你", "用户", "我", "学生", "问"],
  modelLabels: ["助手", "回答", "答", "模型"],
  said: ["说", "说道", "回复"],
  reasoning: ["思考过程", "推理过程", "深度思考", "显示思路"],
  reasoningDuration: ["已思考", "思考了", "已深度思考", "用时"],
  answer: ["答案", "最终答案", "回答", "结论", "总结", "解答"],
  revision: ["修改后", "修正", "更正", "其实", "你说得对", "我错了", "改为", "新答案"],
  retraction: ["划掉", "不对", "等等"],
  problem: ["问题", "题", "第", "习题", "题目"],
  part: ["小题", "部分"],
  leadIn: ["关于", "对于", "至于"],
  commentary: ["我认为", "我觉得", "我不同意", "在我看来", "个人认为", "我不确定"],
  commentaryWeak: ["解释"],
  judgedRight: ["正确", "对的", "没错"],
  judgedWrong: ["错误", "错了", "不对", "不正确", "反了", "应该是"],
  negation: ["不", "没有", "无", "非"],
  request: ["请", "帮我", "能不能", "可以", "解答", "下一题", "谢谢"],
  ticked: ["勾选", "是"],
  unticked: ["不勾选", "否"],
  optionNouns: ["图", "图表", "曲线", "选项", "面板", "实验"],
  only: ["只", "仅", "只有", "仅仅"],
  both: ["两者", "都", "两个"],
  preferred: ["答案", "最好", "更好", "最适合", "最佳", "选择", "正确"],
};
