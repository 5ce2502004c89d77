using System;
using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    /// <summary>
    /// Recognises requests the client does itself (export, download, credits, status, upload) before anything is sent,
    /// because the agent would charge for them and then only describe a GUI button. Words are matched in English and Chinese.
    /// </summary>
    public static class InstructionRouter
    {
        private static readonly (InstructionIntent Intent, string Cmdlet, Regex Pattern)[] Rules =
        {
            (InstructionIntent.Export, CmdletNames.Export, PhrasePattern.Create(@"\bexport(s|ed|ing)?\b|\bsend me the (video|file|result)\b|导出")),
            (InstructionIntent.Download, CmdletNames.Export, PhrasePattern.Create(@"\bdownload(s|ed|ing)?\b|下载")),
            (InstructionIntent.Credits, CmdletNames.Credit, PhrasePattern.Create(
                @"\bcredits?\b|\b(my|account|credit|remaining|current)\s+balance\b|^\W*balance\W*$|\bbilling\b|积分|余额")),
            (InstructionIntent.Status, CmdletNames.State, PhrasePattern.Create(
                @"\bstatus\b|\bshow( me)?( the)? (tracks|timeline|state)\b|状态")),
            (InstructionIntent.Upload, CmdletNames.Upload, PhrasePattern.Create(@"\bupload(s|ed|ing)?\b|上传")),
        };

        /// <summary>
        /// The route for <paramref name="text"/>. When several words match, the one that comes first in the text decides:
        /// "upload this and export it" is an upload first.
        /// </summary>
        public static InstructionRoute Classify(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new InstructionRoute(InstructionIntent.Agent, null, null);
            }

            InstructionRoute? best = null;
            var bestIndex = int.MaxValue;
            foreach (var (intent, cmdlet, pattern) in Rules)
            {
                var match = pattern.Match(text);
                if (match.Success && match.Index < bestIndex)
                {
                    best = new InstructionRoute(intent, cmdlet, match.Value);
                    bestIndex = match.Index;
                }
            }

            return best ?? new InstructionRoute(InstructionIntent.Agent, null, null);
        }
    }
}
