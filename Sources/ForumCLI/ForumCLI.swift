public enum ForumCLI {}
