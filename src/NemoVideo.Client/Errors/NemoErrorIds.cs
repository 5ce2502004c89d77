namespace NemoVideo.Client
{
    /// <summary>The stable error ids the client raises. Scripts and the module match on these, so they never change.</summary>
    public static class NemoErrorIds
    {
        public const string ConfigInvalidUrl = "Nemo.Config.InvalidUrl";
        public const string ConfigClientIdUnwritable = "Nemo.Config.ClientIdUnwritable";
        public const string ConfigTokenStoreLocked = "Nemo.Config.TokenStoreLocked";

        public const string AuthTokenInvalid = "Nemo.Auth.TokenInvalid";
        public const string AuthAnonymousTokenFailed = "Nemo.Auth.AnonymousTokenFailed";
        public const string AuthClientIdRejected = "Nemo.Auth.ClientIdRejected";
        public const string AuthAnonymousTokenQuota = "Nemo.Auth.AnonymousTokenQuota";

        public const string SessionNotFound = "Nemo.Session.NotFound";
        public const string CreditsExhausted = "Nemo.Credits.Exhausted";

        public const string UploadFileNotFound = "Nemo.Upload.FileNotFound";
        public const string UploadEmptyFile = "Nemo.Upload.EmptyFile";
        public const string UploadIsDirectory = "Nemo.Upload.IsDirectory";
        public const string UploadUnsupportedType = "Nemo.Upload.UnsupportedType";
        public const string UploadFileTooLarge = "Nemo.Upload.FileTooLarge";
        public const string UploadInvalidUrl = "Nemo.Upload.InvalidUrl";
        public const string UploadUnreadableMedia = "Nemo.Upload.UnreadableMedia";

        /// <summary>Not a video, for what it is (see <see cref="MediaRefusal"/>): only audio; a still image; a recording
        /// cut off before its index was written; not media at all (e.g. a text file renamed .mp4).</summary>
        public const string MediaAudioOnly = "Nemo.Media.AudioOnly";
        public const string MediaStillImage = "Nemo.Media.StillImage";
        public const string MediaTruncated = "Nemo.Media.Truncated";
        public const string MediaNotMedia = "Nemo.Media.NotMedia";
        /// <summary>Readable media without a picture or sound (subtitles only, say).</summary>
        public const string MediaNoVideo = "Nemo.Media.NoVideo";
        /// <summary>An animation in a picture format the local ffmpeg cannot decode (animated WebP).</summary>
        public const string MediaUnsupportedAnimation = "Nemo.Media.UnsupportedAnimation";

        public const string InstructionEmpty = "Nemo.Instruction.Empty";
        public const string InstructionAgentError = "Nemo.Instruction.AgentError";
        public const string InstructionTimeout = "Nemo.Instruction.Timeout";
        public const string InstructionIdleTimeout = "Nemo.Instruction.IdleTimeout";

        public const string ExportNothingToExport = "Nemo.Export.NothingToExport";
        public const string ExportPlanBlocked = "Nemo.Export.PlanBlocked";
        public const string ExportRenderFailed = "Nemo.Export.RenderFailed";
        public const string ExportRenderRefused = "Nemo.Export.RenderRefused";
        public const string ExportRenderTimeout = "Nemo.Export.RenderTimeout";
        /// <summary>The render was refused because the output cannot be made as asked: the size allowed is too small for any
        /// picture after sound and container. Our local server names it (its poll's <c>error_id</c>); the id is the engine's own.</summary>
        public const string CompressionInfeasible = "Nemo.Compression.Infeasible";
        /// <summary>The render was refused for a request the local engine cannot carry out (a trim without video frames, an
        /// unknown container or codec). Named by our local server, like <see cref="CompressionInfeasible"/>.</summary>
        public const string CompressionInvalidRequest = "Nemo.Compression.InvalidRequest";

        public const string DownloadFileExists = "Nemo.Download.FileExists";
        public const string DownloadFailed = "Nemo.Download.Failed";
        public const string DownloadNoOutput = "Nemo.Download.NoOutput";

        public const string ApiRateLimited = "Nemo.Api.RateLimited";
        public const string ApiServerError = "Nemo.Api.ServerError";
        public const string ApiConnectionFailed = "Nemo.Api.ConnectionFailed";
        public const string ApiUnexpectedResponse = "Nemo.Api.UnexpectedResponse";
        public const string ApiRequestRejected = "Nemo.Api.RequestRejected";
        public const string ApiUnavailable = "Nemo.Api.Unavailable";
        public const string ApiGone = "Nemo.Api.Gone";
        public const string ApiUnknownCode = "Nemo.Api.UnknownCode";

        /// <summary>No longer raised: every answer maps to an id of its kind (ApiUnknownCode for a code this client does not know).</summary>
        public const string ApiError = "Nemo.Api.Error";
    }
}
