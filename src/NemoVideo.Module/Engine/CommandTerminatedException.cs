using System;

namespace NemoVideo.Module.Engine
{
    /// <summary>Thrown by a handler to end the whole command; the cmdlet turns it into ThrowTerminatingError.</summary>
    public sealed class CommandTerminatedException : Exception
    {
        public CommandTerminatedException(CommandError error)
            : base(error.Exception.Message, error.Exception)
        {
            Error = error;
        }

        public CommandError Error { get; }
    }
}
