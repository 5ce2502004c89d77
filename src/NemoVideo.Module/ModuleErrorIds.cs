namespace NemoVideo.Module
{
    /// <summary>Error ids the module raises itself (the client's are in NemoVideo.Client.NemoErrorIds). Never renamed.</summary>
    public static class ModuleErrorIds
    {
        public const string NotConnected = "Nemo.Connection.NotConnected";
        public const string ConnectionClosed = "Nemo.Connection.Closed";
        public const string LocalServerMissing = "Nemo.LocalServer.NotFound";
        public const string LocalServerStartFailed = "Nemo.LocalServer.StartFailed";
        public const string LocalServerDotnetMissing = "Nemo.LocalServer.DotnetMissing";
        public const string LocalServerAspNetCoreMissing = "Nemo.LocalServer.AspNetCoreMissing";
        public const string LocalServerFfmpegMissing = "Nemo.LocalServer.FfmpegMissing";
        public const string LocalServerExited = "Nemo.LocalServer.Exited";
        public const string PathNotFound = "Nemo.Path.NotFound";
        public const string PathIsFolder = "Nemo.Path.IsFolder";
        public const string PathNeedsLiteralPath = "Nemo.Path.UseLiteralPath";
        public const string PathUnreadable = "Nemo.Path.Unreadable";
        public const string InstructionRouted = "Nemo.Instruction.Routed";
        public const string InstructionNothingChanged = "Nemo.Instruction.NothingChanged";
        public const string InstructionLost = "Nemo.Instruction.Lost";
        public const string InstructionUnconfirmed = "Nemo.Instruction.Unconfirmed";
        public const string ExportOutFileForManySessions = "Nemo.Export.OutFileForManySessions";
        public const string ExportRenderIdWithNoWait = "Nemo.Export.RenderIdWithNoWait";
        public const string ExportDestinationNotWritable = "Nemo.Export.DestinationNotWritable";
        public const string ExportOutFileIsFolder = "Nemo.Export.OutFileIsFolder";
        public const string ExportNotEnoughSpace = "Nemo.Export.NotEnoughSpace";
        public const string CompressOutputIsInput = "Nemo.Compress.OutputIsInput";
        public const string CompressOverBudget = "Nemo.Compress.OverBudget";
        public const string CompressInstructionNotApplied = "Nemo.Compress.InstructionNotApplied";
        public const string CompressInstructionLost = "Nemo.Compress.InstructionLost";
        public const string CompressDuplicateOutput = "Nemo.Compress.DuplicateOutput";
        public const string CompressOutputNotWritable = "Nemo.Compress.OutputNotWritable";
        public const string CompressOutputIsFolder = "Nemo.Compress.OutputIsFolder";
        public const string CompressNotEnoughSpace = "Nemo.Compress.NotEnoughSpace";
        public const string CompressNoCeiling = "Nemo.Compress.NoCeiling";
        public const string CompressCeilingTooSmall = "Nemo.Compress.CeilingTooSmall";
        public const string ForgetTokenFailed = "Nemo.Connection.ForgetTokenFailed";
        public const string CompressBatchBusy = "Nemo.Compress.BatchBusy";
        public const string CompressNotStartedNoCredits = "Nemo.Compress.NotStartedNoCredits";
        public const string ConfirmUnavailable = "Nemo.Module.ConfirmUnavailable";
        public const string CompressNotStartedNoToken = "Nemo.Compress.NotStartedNoToken";
    }
}
