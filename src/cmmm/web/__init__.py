"""The web application: server-rendered pages for every role, Chinese by default with an English switch."""
