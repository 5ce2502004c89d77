namespace NemoVideo.Module
{
    /// <summary>Error ids the module raises itself (the client's are in NemoVideo.Client.NemoErrorIds). Never renamed.</summary>
    public static class ModuleErrorIds
    {
        public const string NotConnected = "Nemo.Connection.NotConnected";
        public const string ConnectionClosed = "Nemo.Connection.Closed";
        public const string LocalServerMissing = "Nemo.LocalServer.NotFound";
        public const string LocalServerStartFailed = "Nemo.LocalServer.StartFailed";
        public const string PathNotFound = "Nemo.Path.NotFound";
        public const string InstructionRouted = "Nemo.Instruction.Routed";
        public const string ExportOutFileForManySessions = "Nemo.Export.OutFileForManySessions";
        public const string ExportRenderIdWithNoWait = "Nemo.Export.RenderIdWithNoWait";
        public const string CompressOutputIsInput = "Nemo.Compress.OutputIsInput";
        public const string CompressOverBudget = "Nemo.Compress.OverBudget";
        public const string CompressDuplicateOutput = "Nemo.Compress.DuplicateOutput";
        public const string ForgetTokenFailed = "Nemo.Connection.ForgetTokenFailed";
        public const string CompressBatchBusy = "Nemo.Compress.BatchBusy";
        public const string CompressNotStartedNoCredits = "Nemo.Compress.NotStartedNoCredits";
    }
}
