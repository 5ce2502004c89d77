using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NemoVideo.Client
{
    /// <summary>
    /// The backend was written for a web GUI, so its replies say "click Export" or "open the panel". Those are not
    /// actions a PowerShell user can take; this maps each such phrase to the cmdlet that does the same thing.
    /// </summary>
    public static class GuiPhraseMapper
    {
        private static readonly (string Cmdlet, string Reason, Regex Pattern)[] Rules =
        {
            (CmdletNames.Export, "Exporting is done with Export-NemoVideo; there is no Export button here.", PhrasePattern.Create(
                @"\b(click|press|tap|hit|use)( on)?( the)? [""']?export\b[""']?( button)?|\bexport button\b|点击导出|导出按钮")),
            (CmdletNames.Export, "Downloading the result is done with Export-NemoVideo.", PhrasePattern.Create(
                @"\b(click|press|tap|hit)( on)?( the)? [""']?download\b[""']?( button)?|\bdownload button\b|点击下载|下载按钮")),
            (CmdletNames.Credit, "Credits and billing are shown by Get-NemoCredit.", PhrasePattern.Create(
                @"\bbilling\b|\btop[- ]?up\b|\brecharge\b|\b(buy|purchase|add) (more )?credits\b|\bcredits? (page|panel)\b|充值|积分")),
            (CmdletNames.State, "The timeline and panels are shown by Get-NemoState.", PhrasePattern.Create(
                @"\bopen( up)?( the)? [\w-]+( [\w-]+)? (panel|tab|sidebar|editor)\b|\bopen the (panel|timeline|editor)\b|\b(preview|check|see|view)( it| this)? (in|on) the timeline\b|打开|时间线|预览")),
            (CmdletNames.Upload, "Files are uploaded with Send-NemoVideo.", PhrasePattern.Create(
                @"\b(click|press|tap)( on)?( the)? [""']?upload\b[""']?( button)?|\bupload button\b|点击上传")),
            (CmdletNames.Instruction, "Dragging is done by describing the edit with Invoke-NemoInstruction.", PhrasePattern.Create(
                @"\bdrag(ging)?( and drop| & drop|-and-drop)?\b|拖拽|拖动")),
        };

        /// <summary>The GUI phrases found in <paramref name="reply"/>, in the order they appear, one hint per cmdlet.</summary>
        public static IReadOnlyList<CmdletHint> Map(string? reply)
        {
            var found = new List<(int Index, CmdletHint Hint)>();
            if (string.IsNullOrEmpty(reply))
            {
                return Array.Empty<CmdletHint>();
            }

            foreach (var (cmdlet, reason, pattern) in Rules)
            {
                var match = pattern.Match(reply);
                if (match.Success && !found.Exists(existing => existing.Hint.Cmdlet == cmdlet))
                {
                    found.Add((match.Index, new CmdletHint(match.Value, cmdlet, reason)));
                }
            }

            found.Sort((left, right) => left.Index.CompareTo(right.Index));
            return found.ConvertAll(entry => entry.Hint);
        }
    }
}
