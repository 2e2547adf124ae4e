"""Library kiosk mode, the Qt-free part: configuration, admin PIN, idle policy and reset list."""
