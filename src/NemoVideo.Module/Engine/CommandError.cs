using System;
using System.Management.Automation;

namespace NemoVideo.Module.Engine
{
    /// <summary>Everything an ErrorRecord needs, in a shape tests can inspect (the stub ErrorRecord keeps nothing).</summary>
    public sealed record CommandError(
        string ErrorId,
        ErrorCategory Category,
        object? TargetObject,
        Exception Exception,
        string? RecommendedAction = null);
}
