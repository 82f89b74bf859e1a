print("forum-server")
