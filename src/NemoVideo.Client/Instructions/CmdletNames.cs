namespace NemoVideo.Client
{
    /// <summary>The module's cmdlet names that routing and GUI-phrase hints point to.</summary>
    public static class CmdletNames
    {
        public const string Export = "Export-NemoVideo";
        public const string Credit = "Get-NemoCredit";
        public const string State = "Get-NemoState";
        public const string Upload = "Send-NemoVideo";
        public const string Instruction = "Invoke-NemoInstruction";
    }
}
