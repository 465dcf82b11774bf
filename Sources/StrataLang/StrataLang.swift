public enum StrataLang {}
