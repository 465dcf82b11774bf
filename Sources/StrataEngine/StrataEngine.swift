public enum StrataEngine {}
