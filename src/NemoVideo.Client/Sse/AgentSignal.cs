namespace NemoVideo.Client
{
    /// <summary>Something in an agent event worth telling the caller about: new text, or the name of a tool call.</summary>
    internal readonly struct AgentSignal
    {
        public AgentSignal(InstructionProgressKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public InstructionProgressKind Kind { get; }

        public string Text { get; }
    }
}
