using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Commands
{
    /// <summary>
    /// A cmdlet that takes files the PowerShell way: -Path with wildcards (by value or property), -LiteralPath as written
    /// (bound from Get-ChildItem output through its FullName/PSPath). Paths are gathered here and resolved by the handler.
    /// </summary>
    public abstract class NemoPathCmdlet : NemoSessionCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        internal List<PathArgument> Paths { get; } = new List<PathArgument>();

        protected override void ProcessRecord()
        {
            Paths.AddRange(Path.Select(path => new PathArgument(path, Literal: false)));
            Paths.AddRange(LiteralPath.Select(path => new PathArgument(path, Literal: true)));
        }
    }
}
